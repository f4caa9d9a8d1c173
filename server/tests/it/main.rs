//! Kreditor's integration tests: the real router and services on a real PostgreSQL pair (each
//! test on its own fresh database). One test binary for all of them — linking twenty copies
//! of the application cost minutes and tens of gigabytes — with one module per area; nextest
//! still runs every test in its own process. The failover scenarios, which start and stop
//! their own pairs, stay in their own binary (`tests/failover.rs`).

mod common;

mod api_limits;
mod auth;
mod batches;
mod commit_uncertain;
mod credit_facts;
mod credit_limits;
mod customers;
mod display;
mod documents;
mod input_text;
mod invoicing;
mod ip_ranges;
mod kdb;
mod ktime;
mod languages;
mod ledger;
mod login_abuse;
mod merchants;
mod ops;
mod orders_api;
mod payments;
mod portal;
mod portal_batches;
mod portal_lists;
mod portal_orders;
mod print_batch;
mod provider_log;
mod providers;
mod rulesets;
mod staff_orders;
mod ui_steps;
