/**
 * A reader that stops early (`nianbao query … | head`) closes the pipe: the next write fails with
 * EPIPE. Every command then ends quietly, with status 0, instead of an error and a stack trace;
 * what it had stored stays stored (every write nianbao makes survives being stopped).
 */
function quietOnBrokenPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}

quietOnBrokenPipe(process.stdout);
quietOnBrokenPipe(process.stderr);
