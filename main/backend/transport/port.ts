import { z } from 'zod';
import type { EventName, ServerMessage } from '../../../contract';
import type { Backend } from '../backend';
import type { Connection } from '../auth/session';

/** The little a message channel must do: Electron's MessagePortMain and Node's MessagePort fit. */
export interface PortLike {
  onMessage(listener: (data: unknown) => void): void;
  onClose(listener: () => void): void;
  post(message: ServerMessage): void;
}

const clientMessage = z.object({
  kind: z.literal('request'),
  id: z.number().int(),
  name: z.string().max(100),
  input: z.unknown(),
});

/** Serves the backend on one port: answers requests in any order and forwards every event. */
export function servePort(backend: Backend, port: PortLike, windowId?: number): void {
  // Each port is one window: it signs in and out on its own.
  const connection: Connection =
    windowId === undefined ? { session: null } : { session: null, windowId };
  const unsubscribe = backend.onEvent((event: EventName, payload: unknown) =>
    port.post({ kind: 'event', event, payload }),
  );
  port.onClose(unsubscribe);
  port.onMessage((data) => {
    const message = clientMessage.safeParse(data);
    if (!message.success) return; // Not ours to answer: a malformed message has no id to reply to.
    const { id, name, input } = message.data;
    void backend
      .dispatch(name, input, connection)
      .then((result) => port.post({ kind: 'response', id, result }));
  });
}
