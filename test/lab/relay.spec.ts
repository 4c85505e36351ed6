import { ServerConnection } from '@jupyterlab/services';
import { relayChatModel } from '../../src/lab/relay';
import { ScriptedOpenAIServer } from '../helpers/openai-server';

describe('relayChatModel()', () => {
  let server: ScriptedOpenAIServer;

  beforeAll(async () => {
    server = await ScriptedOpenAIServer.start();
  });

  afterAll(async () => {
    await server.stop();
  });

  it('should reach the relay path with the server token and send no key', async () => {
    const settings = ServerConnection.makeSettings({ baseUrl: server.baseURL.replace(/\/v1$/, '/lab-base/'), token: 'jupyter-token' });
    server.reset([{ answer: 'x = float(1)' }]);
    const chat = relayChatModel(settings, { model: 'relay-model', retryBaseMs: 5, timeoutMs: 5000 });
    const response = await chat.complete({ messages: [{ role: 'user', content: 'x = np.float(1)' }] });
    expect(chat.name).toBe('relay-model');
    expect(response.text).toBe('x = float(1)');
    const sent = server.requests[0];
    expect(sent.path).toBe('/lab-base/jupyterlab-modernizer/llm/chat/completions');
    expect(sent.headers.authorization).toBe('token jupyter-token');
    expect(JSON.stringify(sent.headers)).not.toMatch(/Bearer/);
    expect(sent.body).toMatchObject({ model: 'relay-model' });
  });
});
