/**
 * JSON-RPC errors the simulator sends (reference §9.1). Cove puts its own number in `error.data`
 * under the generic code -32603; protocol-level problems use the standard JSON-RPC codes.
 */

export class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: number,
  ) {
    super(message);
  }
}

/**
 * Cove's wire number for bad parameters is not public (reference §9.1, UNCONFIRMED), so the
 * simulator answers -32602 with data 7, the position of `InvalidParameter` in Cove's Error enum.
 */
export const INVALID_PARAMS_DATA = 7;

export const rpcErrors = {
  badLogin: () => new RpcError(-32603, 'Unknown partner/username or bad password', 2100),
  badVisa: () => new RpcError(-32603, 'Visa is inconsistent/corrupted.', 1701),
  security: () => new RpcError(-32603, 'Operation failed because of security reasons', 13501),
  methodNotFound: () => new RpcError(-32601, 'Method not found'),
  invalidParams: (detail: string) => new RpcError(-32602, `Invalid params: ${detail}`, INVALID_PARAMS_DATA),
  invalidRequest: (detail: string) => new RpcError(-32600, `Invalid Request: ${detail}`),
  parseError: () => new RpcError(-32700, 'Parse error'),
};
