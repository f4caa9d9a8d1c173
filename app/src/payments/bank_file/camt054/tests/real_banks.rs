//! Files published by banks (see `testdata/banks/README.md`).
