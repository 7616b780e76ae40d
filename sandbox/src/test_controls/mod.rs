//! What tests steer and read, not part of any provider: fault switches, the
//! clock they move forward, and counters of what the sandbox was asked.

pub mod clock;
pub mod faults;
pub mod stats;
