/** A Relay environment for this API (docs/clients.md, Relay): JSON POSTs, the viewer's headers. */
import { Environment, type FetchFunction, Network, RecordSource, Store } from 'relay-runtime';

export function createEnvironment(url: string, headers: Record<string, string> = {}): Environment {
  const fetchFn: FetchFunction = async (operation, variables) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      body: JSON.stringify({ query: operation.text, operationName: operation.name, variables }),
    });
    return response.json();
  };
  return new Environment({ network: Network.create(fetchFn), store: new Store(new RecordSource()) });
}
