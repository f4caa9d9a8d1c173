DROP TABLE ip_range_imports;
DROP TABLE ip_ranges;
