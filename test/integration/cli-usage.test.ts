import { createServer } from 'node:net';
import packageJson from '../../package.json';
import { runVodflow } from '../helpers/vodflow-cli';

// Wrong usage, as a new user types it: exit 2 with a sentence that says what is wrong; a failure
// (here: nothing to connect to) exit 1 with a sentence a person can read. No stack needed.
describe('vodflow command line, used wrongly', () => {
  it('prints the version and per-command help (exit 0)', async () => {
    expect(await runVodflow(['--version'])).toMatchObject({ code: 0, stdout: `${packageJson.version}\n` });
    const help = await runVodflow(['status', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: vodflow status [options] <videoId>');
    expect(help.stdout).toContain('--address <host:port>');
    const top = await runVodflow([]);
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/Commands:[\s\S]*status[\s\S]*quarantine/);
  });

  it.each([
    [['frobnicate'], /^vodflow: unknown command 'frobnicate'\n/],
    [['statsu', 'x'], /unknown command 'statsu'\n\(Did you mean status\?\)/],
    [['status', 'x', '--jsno'], /unknown option '--jsno'\n\(Did you mean --json\?\)/],
    [['status'], /missing required argument 'videoId'/],
    [['list', '--limit', 'many'], /'--limit <n>' argument 'many' is invalid/],
    [['list', '--output', 'yaml'], /Allowed choices are table, json/],
    [['retry', 'x', '--stage', 'upload'], /Allowed choices are transcode, snapshot/],
    [['consume', '--shards', '0'], /must be a whole number from 1 to 64/],
    [['sweep', 'now', '--region', 'mars-1'], /"mars-1" is not a VOD region/],
    [['quarantine', 'show'], /missing required argument 'id'/],
    [['emulator', 'sqs'], /argument 'name'.*one of smq, vod/],
  ])('vodflow %j is wrong usage (exit 2)', async (args, message) => {
    const result = await runVodflow(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain('(add --help for usage)');
  });

  it('says which Temporal it cannot reach, named by --address over the environment (exit 1)', async () => {
    const result = await runVodflow(['status', 'x', '--address', '127.0.0.1:1'], {
      TEMPORAL_ADDRESS: '127.0.0.1:7233',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^vodflow: cannot reach Temporal at 127\.0\.0\.1:1: .+\. Is the server running\?/,
    );
  });

  it('says which VOD endpoint it cannot reach, in words apart (exit 1)', async () => {
    const result = await runVodflow(
      [
        'configure-callback',
        '--region',
        'cn-shanghai',
        '--queue',
        'q',
        '--mns-endpoint',
        'http://127.0.0.1:2',
      ],
      {
        VOD_ENDPOINT: 'http://127.0.0.1:1',
        ALIBABA_CLOUD_ACCESS_KEY_ID: 'id',
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'secret',
      },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'vodflow: SetMessageCallback failed: ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:1\n',
    );
  });

  it('gives the emulators the same exit codes: 2 for wrong flags, 1 when they cannot start', async () => {
    for (const name of ['smq', 'vod']) {
      const badFlag = await runVodflow(['emulator', name, '--port', '0', '--bogus']);
      expect(badFlag.code).toBe(2);
      expect(badFlag.stderr).toContain("Unknown option '--bogus' (see --help)");
      expect((await runVodflow(['emulator', name, '--port', 'x'])).code).toBe(2);
    }
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = taken.address() as { port: number };
      const result = await runVodflow(['emulator', 'smq', '--port', String(port)]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('EADDRINUSE');
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});
