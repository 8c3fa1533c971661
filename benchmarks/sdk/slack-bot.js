// Bolt answering a signed /numbers with a 20-number Block Kit message in the acknowledgement (benchmarks/load.sh).
const { App, LogLevel } = require('@slack/bolt');
const { environments, numbers } = require('./numbers');

const env = process.env;
const app = new App({
  signingSecret: env.SLACK_SIGNING_SECRET,
  token: 'xoxb-load-test',
  tokenVerificationEnabled: false,
  botId: 'B0LOAD', botUserId: 'U0LOADBOT', // known up front, so Bolt does not ask auth.test on every request
  endpoints: '/api/slack/commands',
  clientOptions: { slackApiUrl: env.FAKE_SLACK_API_URL },
  logLevel: LogLevel.ERROR,
});

function blocks() {
  const out = [{ type: 'header', text: { type: 'plain_text', text: 'Load Test' } }];
  for (const environment of environments) {
    out.push({ type: 'divider' });
    out.push({ type: 'section', text: { type: 'mrkdwn', text: `*${environment}*\nMain: sip:${environment}@load.example.com\nFallback: sip:${environment}-fallback@load.example.com` },
      accessory: { type: 'button', text: { type: 'plain_text', text: 'Add a number' }, action_id: 'numbers.add', value: environment } });
    for (const n of numbers.filter((x) => x.environment === environment)) {
      out.push({ type: 'section', text: { type: 'mrkdwn', text: `*${n.e164}*  ${n.source} · ${n.variant ?? 'No variant'}` },
        accessory: { type: 'overflow', action_id: 'numbers.menu', options: [
          { text: { type: 'plain_text', text: 'Reassign' }, value: `reassign:${n.e164}` },
          { text: { type: 'plain_text', text: 'Delete' }, value: `delete:${n.e164}` }] } });
    }
  }
  return out;
}

app.command('/numbers', async ({ ack }) => { await ack({ response_type: 'ephemeral', blocks: blocks() }); });

(async () => { await app.start(Number(env.PORT)); console.log(`bolt on ${env.PORT}`); })();
