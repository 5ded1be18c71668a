import { sendJson, startStubServer, type StubServer } from '@landscape/testing';
import axios from 'axios';
import { RecyclingAgent } from './recycling-agent';

describe('RecyclingAgent', () => {
  let stub: StubServer;
  let agent: RecyclingAgent;

  beforeEach(async () => {
    stub = await startStubServer((_req, res) => sendJson(res, { ok: true }));
    agent = new RecyclingAgent(10);
  });

  afterEach(async () => {
    agent.destroy();
    await stub.close();
  });

  it('keeps a connection alive for up to maxRequestsPerSocket requests, then opens a new one', async () => {
    for (let i = 0; i < 25; i++) {
      expect((await axios.get(stub.url, { httpAgent: agent })).data).toEqual({ ok: true });
    }
    expect(stub.requests).toBe(25);
    expect(stub.connections).toBe(3);
  });
});
