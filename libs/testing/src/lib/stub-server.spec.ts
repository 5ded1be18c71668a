import { freePort } from '@landscape/processes';
import { getJson } from './http-json';
import { sendJson, startStubServer } from './stub-server';

describe('startStubServer', () => {
  it('answers with the handler and counts requests and connections', async () => {
    const stub = await startStubServer((_req, res) => sendJson(res, { ok: true }, 201));
    const response = await getJson(`${stub.url}/x`);
    expect(response).toMatchObject({ status: 201, body: { ok: true }, text: '{"ok":true}' });
    expect(response.contentType).toBe('application/json');
    expect(stub.requests).toBe(1);
    expect(stub.connections).toBe(1);
    await stub.close();
    await expect(getJson(`${stub.url}/x`)).rejects.toThrow();
  });

  it('listens on a port from freePort', async () => {
    const port = await freePort();
    const stub = await startStubServer((_req, res) => res.end('{}'), port);
    expect(stub.url).toBe(`http://127.0.0.1:${port}`);
    await stub.close();
  });
});
