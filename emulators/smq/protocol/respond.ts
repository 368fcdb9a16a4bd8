import type { ServerResponse } from 'node:http';
import { SMQ_API_VERSION, SMQ_ERROR_XML_NAMESPACE } from '../limits';
import type { SmqFault } from '../errors';
import { documentXml } from './xml';

export function writeXml(
  response: ServerResponse,
  status: number,
  requestId: string,
  xml?: string,
  headers: Record<string, string> = {},
): void {
  if (response.headersSent || response.destroyed) return;
  response.statusCode = status;
  response.setHeader('x-mns-request-id', requestId);
  response.setHeader('x-mns-version', SMQ_API_VERSION);
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
  if (xml === undefined) {
    response.end();
    return;
  }
  const body = Buffer.from(xml, 'utf8');
  response.setHeader('content-type', 'text/xml;charset=utf-8');
  response.setHeader('content-length', body.length);
  response.end(body);
}

export function writeError(
  response: ServerResponse,
  fault: SmqFault,
  requestId: string,
  hostId: string,
): void {
  const xml = documentXml(
    'Error',
    [
      ['Code', fault.code],
      ['Message', fault.message],
      ['RequestId', requestId],
      ['HostId', hostId],
    ],
    SMQ_ERROR_XML_NAMESPACE,
  );
  writeXml(response, fault.status, requestId, xml);
}
