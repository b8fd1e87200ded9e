// How the language server process (and the CLI) is started by our own launchers (the VS Code client, and
// the tests and benchmark that spawn it), in one place.

/** --expose-gc: the server collects garbage after a big log is opened (lsp/memory.ts). */
export const SERVER_NODE_ARGS: readonly string[] = ['--expose-gc'];

/**
 * --expose-gc: the CLI paces full collections while it streams (io/heapPacer.ts). A young generation
 * of 8 MB semi-spaces, not 16: a stream's garbage is short-lived, scavenges cost the same in all
 * (measured: the same user time on the bench's logs) and the peak is 10–16 MB lower. Its #! line
 * passes the same (scripts/build.mjs; a test holds them equal).
 */
export const CLI_NODE_ARGS: readonly string[] = ['--expose-gc', '--max-semi-space-size=8'];

/**
 * glibc keeps freed 64 KB read buffers (a big document arrives as thousands of them) in its
 * malloc arenas under its dynamic mmap threshold; pinning the threshold at 64 KB makes them
 * mmapped and returned to the system when freed. Ignored by other C libraries.
 */
export const SERVER_ENV: Readonly<Record<string, string>> = { MALLOC_MMAP_THRESHOLD_: '65536' };
