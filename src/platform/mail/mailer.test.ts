// The mail layer against mail servers that misbehave: one that never greets is given up on in
// seconds (nodemailer's defaults would wait 30 s for a greeting and 10 minutes for an answer).
import assert from 'node:assert/strict';
import net from 'node:net';
import { test } from 'node:test';
import { createMailer } from './mailer.ts';

test('a mail server that accepts the connection and then says nothing: the send fails within seconds', async () => {
  const sockets: net.Socket[] = [];
  const silent = net.createServer((socket) => void sockets.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const { port } = silent.address() as net.AddressInfo;
  try {
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: 'hubwork <no-reply@hubwork.test>', dir: '/nonexistent' });
    const started = Date.now();
    await assert.rejects(mailer.send({ to: 'x@example.org', subject: 'Stalled', text: 'Never sent.' }), /Greeting never received|timeout/i);
    const waited = Date.now() - started;
    assert.ok(waited < 15_000, `gave up after ${waited} ms`);
  } finally {
    for (const socket of sockets) socket.destroy();
    silent.close();
  }
});
