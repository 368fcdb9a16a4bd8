import path from 'node:path';
import { HooksFileError, loadHooksFile, parseHooks } from '../../../common/hooks/load-hooks';

const problemsOf = (text: string, file = 'hooks.yaml'): string[] => {
  try {
    parseHooks(text, file);
  } catch (error) {
    if (error instanceof HooksFileError) return error.problems;
    throw error;
  }
  throw new Error('expected the file to be refused');
};

describe('hooks file', () => {
  it('reads the example file, with defaults filled in', () => {
    const { hooks } = loadHooksFile(
      path.resolve(__dirname, '../../../examples/publish-when-ready/hooks.yaml'),
    );
    expect(hooks.map((h) => h.name)).toEqual(['publish-when-ready', 'review-needed', 'attention-to-ops']);
    expect(hooks[0]?.action).toEqual({
      workflow: { type: 'publishVideo', taskQueue: 'cms-publish', mode: 'independent' },
    });
    expect(hooks[0]?.retry).toEqual({ maxAttempts: 5, initialSeconds: 5, maxSeconds: 300 });
    expect(hooks[1]?.retry.maxAttempts).toBe(8);
  });

  it('names the line, column and field of a YAML problem', () => {
    const text = [
      'hooks:',
      '  - name: ok-hook',
      '    on: { stage: ready }',
      '    action:',
      '      webhook: { url: "not a url" }',
      '  - name: Bad Name',
      '    on: { stage: finished }',
      '    action: { smq: { queue: q } }',
    ].join('\n');
    const problems = problemsOf(text);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^hooks\.yaml:5:\d+ hooks\[0\]\.action\.webhook\.url: /),
        expect.stringMatching(/^hooks\.yaml:6:\d+ hooks\[1\]\.name: lower-case letters/),
        expect.stringMatching(/^hooks\.yaml:7:\d+ hooks\[1\]\.on/),
      ]),
    );
  });

  it('reads JSON too, with positions', () => {
    const text =
      '{\n  "hooks": [\n    { "name": "a", "on": { "stage": "ready" }, "action": { "fax": {} } }\n  ]\n}';
    const [problem] = problemsOf(text, '/etc/vodflow/hooks.json');
    expect(problem).toMatch(/^hooks\.json:3:\d+ hooks\[0\]\.action/);
  });

  it('refuses duplicate names, unknown keys and YAML syntax errors', () => {
    const twice =
      'hooks:\n  - { name: a, on: { stage: ready }, action: { smq: { queue: q } } }\n  - { name: a, on: { stage: ready }, action: { smq: { queue: q } } }\n';
    expect(problemsOf(twice)).toEqual([
      expect.stringMatching(/^hooks\.yaml:3:\d+ hooks\[1\]\.name: duplicate hook name a/),
    ]);
    expect(problemsOf('hooks: []\nhokks: []\n')[0]).toMatch(/Unrecognized key/);
    expect(problemsOf('hooks: [\n')[0]).toMatch(/^hooks\.yaml:\d+:\d+ /);
  });

  it('says so when the file cannot be read', () => {
    expect(() => loadHooksFile('/nonexistent/hooks.yaml')).toThrow(/cannot read it/);
  });
});
