import { URLExt } from '@jupyterlab/coreutils';
import { ServerConnection } from '@jupyterlab/services';

/**
 * The URL namespace of the server extension, below the server's base URL.
 */
export const API_NAMESPACE = 'jupyterlab-modernizer';

/**
 * Call the server extension.
 *
 * @param endPoint - path below `<baseUrl>/jupyterlab-modernizer/`, e.g. `llm/status`
 * @param serverSettings - the settings of the app (`app.serviceManager.serverSettings`)
 * @param init - request options (method, body, headers)
 * @returns the response body, parsed when it is JSON
 */
export async function requestAPI<T>(
  endPoint: string,
  serverSettings: ServerConnection.ISettings,
  init: RequestInit = {}
): Promise<T> {
  const requestUrl = URLExt.join(
    serverSettings.baseUrl,
    API_NAMESPACE,
    endPoint
  );

  let response: Response;
  try {
    response = await ServerConnection.makeRequest(
      requestUrl,
      init,
      serverSettings
    );
  } catch (error) {
    throw new ServerConnection.NetworkError(error as TypeError);
  }

  let data: any = await response.text();
  if (data.length > 0) {
    try {
      data = JSON.parse(data);
    } catch {
      // Not JSON: hand back the text.
    }
  }

  if (!response.ok) {
    // The relay answers errors as `{"error": {"message": ...}}` (OpenAI style).
    const message = data?.error?.message ?? data?.message ?? data;
    throw new ServerConnection.ResponseError(response, message);
  }

  return data as T;
}

/**
 * Wire formats of the server extension.
 */
export namespace ModernizerAPI {
  /**
   * `GET llm/status`: what the server may say about its LLM configuration.
   * The key itself never leaves the server.
   */
  export interface IRelayStatus {
    /**
     * Whether the server holds an API key.
     */
    has_key: boolean;
    /**
     * Where the key comes from, when there is one.
     */
    key_source: 'environment' | 'config' | null;
    /**
     * The OpenAI-compatible base URL requests are relayed to.
     */
    base_url: string;
    /**
     * The model used when a request names none.
     */
    model: string | null;
  }

  /**
   * The base URL that OpenAI-compatible clients in the browser use instead of the provider's.
   */
  export function relayBaseUrl(
    serverSettings: ServerConnection.ISettings
  ): string {
    return URLExt.join(serverSettings.baseUrl, API_NAMESPACE, 'llm');
  }
}
