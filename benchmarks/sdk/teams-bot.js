// botbuilder-js answering a signed Teams "numbers" message with a 20-number Adaptive Card, through the connector.
// Configured with the SDK's own setting names against the load benchmark's fakes (benchmarks/load.sh).
const http = require('http');
const { CloudAdapter, ConfigurationBotFrameworkAuthentication, ActivityHandler, CardFactory, MessageFactory } = require('botbuilder');
const { AppCredentials, MicrosoftAppCredentials } = require('botframework-connector');
const { environments, numbers } = require('./numbers');

const env = process.env;
// The bot's own token: the fake login is not Azure AD, so the token MSAL would fetch once is handed over directly;
// the SDK still caches it and signs every connector call with it.
class FakeLoginCredentials extends MicrosoftAppCredentials {
  getToken(forceRefresh) { return AppCredentials.prototype.getToken.call(this, forceRefresh); }
  async refreshToken() { return { accessToken: 'bot-token-from-fake-login', expiresOn: new Date(Date.now() + 3600 * 1000) }; }
}
const credentialsFactory = {
  isValidAppId: async (id) => id === env.APP_ID,
  isAuthenticationDisabled: async () => false,
  createCredentials: async (appId, audience) => new FakeLoginCredentials(appId, 'not-a-secret', env.TENANT_ID, audience),
};
const auth = new ConfigurationBotFrameworkAuthentication({
  MicrosoftAppId: env.APP_ID, MicrosoftAppPassword: 'not-a-secret', MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: env.TENANT_ID,
  ToBotFromChannelOpenIdMetadataUrl: env.FAKE_CHANNEL_METADATA_URL, ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
  ToChannelFromBotLoginUrl: env.FAKE_LOGIN_URL,
}, credentialsFactory);
const adapter = new CloudAdapter(auth);
adapter.onTurnError = async (context, error) => { console.error(error); };

function card() {
  const body = [{ type: 'TextBlock', text: 'Load Test', weight: 'Bolder', size: 'Large' }];
  for (const environment of environments) {
    body.push({ type: 'Container', separator: true, items: [
      { type: 'TextBlock', text: environment, weight: 'Bolder', size: 'Medium' },
      { type: 'FactSet', facts: [{ title: 'Main', value: `sip:${environment}@load.example.com` }, { title: 'Fallback', value: `sip:${environment}-fallback@load.example.com` }] },
      ...numbers.filter((n) => n.environment === environment).map((n) => ({
        type: 'ColumnSet', columns: [
          { type: 'Column', width: 'stretch', items: [{ type: 'TextBlock', text: n.e164, weight: 'Bolder' }, { type: 'TextBlock', text: `${n.source} · ${n.variant ?? 'No variant'}`, isSubtle: true, spacing: 'None' }] },
          { type: 'Column', width: 'auto', items: [{ type: 'ActionSet', actions: [
            { type: 'Action.Execute', title: 'Reassign', verb: 'numbers.reassign', data: { number: n.e164 } },
            { type: 'Action.Execute', title: 'Delete', verb: 'numbers.delete', data: { number: n.e164 } }] }] }],
      })),
      { type: 'ActionSet', actions: [{ type: 'Action.Execute', title: 'Add a number', verb: 'numbers.add', data: { environment } }] },
    ] });
  }
  return CardFactory.adaptiveCard({ type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5', body });
}

class NumbersBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      if ((context.activity.text || '').trim() === 'numbers') await context.sendActivity(MessageFactory.attachment(card()));
      await next();
    });
  }
}
const bot = new NumbersBot();

// CloudAdapter.process wants an express-like request (body parsed) and response.
http.createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/api/messages') { res.statusCode = 404; res.end(); return; }
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    try { req.body = JSON.parse(Buffer.concat(chunks).toString('utf8')); } catch { res.statusCode = 400; res.end(); return; }
    const response = {
      socket: res.socket,
      status(code) { res.statusCode = code; return response; },
      header(name, value) { res.setHeader(name, value); return response; },
      send(body) { if (body !== undefined) res.write(typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body)); return response; },
      end() { res.end(); return response; },
    };
    adapter.process(req, response, (context) => bot.run(context)).catch((e) => { console.error(e); if (!res.writableEnded) { res.statusCode = 500; res.end(); } });
  });
}).listen(Number(env.PORT), '127.0.0.1', () => console.log(`botbuilder-js on ${env.PORT}`));
