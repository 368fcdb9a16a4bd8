import { InFlightMessages } from '../../../activities/poller/in-flight-messages';

const message = (id: string) => ({
  messageId: id,
  receiptHandle: `handle-${id}`,
  body: '{}',
  enqueueTime: 0,
  dequeueCount: 1,
});

describe('InFlightMessages', () => {
  it('asks to extend every message still being signalled once half its visibility has passed', () => {
    const messages = new InFlightMessages(10_000);
    const [a, b] = messages.add([message('a'), message('b')], 0);
    expect(messages.dueForExtension(4_999)).toEqual([]);
    expect(messages.dueForExtension(5_000)).toEqual([a, b]);
    messages.extended(a, 'handle-a2', 5_000);
    expect(a.handle).toBe('handle-a2');
    expect(messages.dueForExtension(5_000)).toEqual([b]);
  });

  it('never extends a message whose delete is queued or that was released', () => {
    const messages = new InFlightMessages(10_000);
    const [recorded, released, signalling] = messages.add([message('r'), message('x'), message('s')], 0);
    recorded.state = 'recorded';
    released.state = 'released';
    expect(messages.dueForExtension(9_000)).toEqual([signalling]);
  });

  it('forgets a message once it is deleted or released', () => {
    const messages = new InFlightMessages(10_000);
    const [a] = messages.add([message('a')], 0);
    messages.forget(a);
    expect(messages.size).toBe(0);
    expect(messages.dueForExtension(9_000)).toEqual([]);
  });

  it('runs the handle operations of one message one after the other, each with the latest handle', async () => {
    const messages = new InFlightMessages(10_000);
    const [a] = messages.add([message('a')], 0);
    const seen: string[] = [];
    const extend = messages.withHandle(a, async (handle) => {
      seen.push(handle);
      await new Promise((resolve) => setTimeout(resolve, 20));
      messages.extended(a, 'handle-a2', 0);
    });
    const remove = messages.withHandle(a, (handle) => {
      seen.push(handle);
      return Promise.resolve();
    });
    await Promise.all([extend, remove]);
    expect(seen).toEqual(['handle-a', 'handle-a2']);
  });

  it('lets a failed handle operation reject its caller without blocking the next one', async () => {
    const messages = new InFlightMessages(10_000);
    const [a] = messages.add([message('a')], 0);
    await expect(messages.withHandle(a, () => Promise.reject(new Error('gone')))).rejects.toThrow('gone');
    await expect(messages.withHandle(a, () => Promise.resolve())).resolves.toBeUndefined();
  });
});
