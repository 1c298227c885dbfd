//! Indexing in the background: the work that keeps the index current (the server's
//! follower, an import into an archive a server is serving) runs at a lower scheduling
//! priority, so that on a small machine readers' pages and searches come first and the
//! indexing takes the CPU time they leave.

/// The nice value background work runs at (0 is normal, 19 the lowest).
pub const BACKGROUND_NICE: i32 = 10;

/// Lowers the calling thread's scheduling priority to [`BACKGROUND_NICE`]; threads it starts
/// afterwards (tantivy's indexing and merging threads, an import's readers) inherit it.
/// Fails where the system does not allow it (the thread then runs on as it was).
pub fn run_in_background() -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        // On Linux the nice value belongs to the thread: `None` is the calling thread.
        rustix::process::setpriority_process(None, BACKGROUND_NICE).map_err(std::io::Error::from)
    }
    #[cfg(not(target_os = "linux"))]
    {
        Err(std::io::Error::new(
            std::io::ErrorKind::Unsupported,
            "thread priorities are set on Linux only",
        ))
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    #[test]
    fn a_background_thread_and_its_children_run_at_the_lower_priority() {
        let before = rustix::process::getpriority_process(None).unwrap();
        if before >= BACKGROUND_NICE {
            eprintln!("skipped: the tests already run at nice {before}");
            return;
        }
        let nice = std::thread::spawn(|| {
            run_in_background().unwrap();
            let own = rustix::process::getpriority_process(None).unwrap();
            let child = std::thread::spawn(|| rustix::process::getpriority_process(None).unwrap())
                .join()
                .unwrap();
            (own, child)
        })
        .join()
        .unwrap();
        assert_eq!(nice, (BACKGROUND_NICE, BACKGROUND_NICE));
        // The thread that ran the test is untouched.
        assert_eq!(rustix::process::getpriority_process(None).unwrap(), before);
    }
}
