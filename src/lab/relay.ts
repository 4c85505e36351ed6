/**
 * The chat model as JupyterLab uses it: through the server extension's relay
 * (`<baseUrl>/jupyterlab-modernizer/llm/...`), authenticated like any other
 * server request. The key stays on the server: the browser sends none.
 */
import { ServerConnection } from '@jupyterlab/services';
import { OpenAIChatModel } from '../core/llm/openai';
import { ModernizerAPI } from './request';

/** Options for an OpenAIChatModel that talks to the relay. */
export function relayModelOptions(
  settings: ServerConnection.ISettings,
  options: Omit<OpenAIChatModel.IOptions, 'baseURL' | 'apiKey' | 'fetch'>
): OpenAIChatModel.IOptions {
  return {
    ...options,
    baseURL: ModernizerAPI.relayBaseUrl(settings),
    fetch: async (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      const headers = new Headers(init?.headers);
      // The client's placeholder bearer must not stand in for the server's own auth.
      headers.delete('authorization');
      // 'no-store' (the settings' default) would add a cache-busting query the relay passes upstream.
      return ServerConnection.makeRequest(url, { ...init, headers, cache: 'no-cache' }, settings);
    }
  };
}

/** The chat model behind the relay. */
export function relayChatModel(
  settings: ServerConnection.ISettings,
  options: Omit<OpenAIChatModel.IOptions, 'baseURL' | 'apiKey' | 'fetch'>
): OpenAIChatModel {
  return new OpenAIChatModel(relayModelOptions(settings, options));
}
