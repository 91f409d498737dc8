// Starts kinesalite (in-memory Kinesis) on 127.0.0.1 only: its own CLI has no host option and
// would listen on every interface. Usage: node bin/lib/local-kinesis.js [PORT]   (0 = any free port)
// Prints "listening 127.0.0.1:<port>" once ready; exits when its standard input closes, so a
// test JVM that dies does not leave it running.
const kinesalite = require('kinesalite');

const server = kinesalite({ createStreamMs: 0, deleteStreamMs: 0, updateStreamMs: 0, shardLimit: 100 });
server.listen(Number(process.argv[2] || 0), '127.0.0.1', () => {
  console.log(`listening 127.0.0.1:${server.address().port}`);
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
