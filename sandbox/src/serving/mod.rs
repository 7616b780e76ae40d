//! Serving the built page as a production host would: its files, its
//! security policy (computed from the built index.html), and the policy
//! violations browsers report.

pub mod csp_reports;
pub mod html_scan;
pub mod page_policy;
pub mod static_files;
