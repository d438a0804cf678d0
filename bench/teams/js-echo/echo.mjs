// The JavaScript SDK's echo bot, as in the Bot Builder samples: CloudAdapter on express with express.json().
// No app id, so anonymous: replies go to the activity's serviceUrl without a token.
//   node echo.mjs PORT
import express from 'express';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, MessageFactory } from 'botbuilder';

const port = Number(process.argv[2] ?? 3978);
const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(MessageFactory.text(`Echo: ${context.activity.text}`));
      await next();
    });
  }
}

const bot = new EchoBot();
const app = express();
app.use(express.json());
app.post('/api/messages', (req, res) => adapter.process(req, res, (context) => bot.run(context)));
app.listen(port, '127.0.0.1');
