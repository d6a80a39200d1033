// Bolt (HTTP receiver) answering every signed /incident command with an empty ack(), on 127.0.0.1:$PORT.
const { App, HTTPReceiver } = require('@slack/bolt');

const receiver = new HTTPReceiver({
  signingSecret: process.env.SLACK_SIGNING_SECRET,
  endpoints: '/slack/commands',
  customRoutes: [{ path: '/healthz', method: ['GET'], handler: (req, res) => { res.writeHead(200); res.end('ok'); } }],
});
// botId and botUserId given, so Bolt never calls auth.test (no network here).
const app = new App({ token: 'xoxb-bench', botId: 'B0BENCH01', botUserId: 'U0BENCHBOT', receiver, tokenVerificationEnabled: false, logLevel: 'error' });

app.command('/incident', async ({ ack }) => { await ack(); });

(async () => {
  await app.start({ port: Number(process.env.PORT), host: '127.0.0.1' });
})();
