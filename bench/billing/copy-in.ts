import type pg from 'pg';

/**
 * `COPY … FROM STDIN` over a plain `pg` client, without pg-copy-streams: a minimal submittable that answers the
 * server's CopyInResponse with the prepared chunks. The bench uses it as the physical floor of writing rows.
 */
export function copyIn(client: pg.Client, sql: string, chunks: readonly Buffer[]): Promise<number> {
  return new Promise((resolve, reject) => {
    let rows = 0;
    let failure: Error | undefined;
    const submittable = {
      submit(connection: PgConnection) {
        connection.query(sql);
      },
      handleCopyInResponse(connection: PgConnection) {
        for (const chunk of chunks) connection.sendCopyFromChunk(chunk);
        connection.endCopyFrom();
      },
      handleCommandComplete(message: { text?: string }) {
        rows = Number(/\d+$/.exec(message.text ?? '')?.[0] ?? 0);
      },
      handleError(error: Error) {
        failure = error;
      },
      handleReadyForQuery() {
        if (failure) reject(failure);
        else resolve(rows);
      },
      handleRowDescription() {},
      handleDataRow() {},
      handleEmptyQuery() {},
      handlePortalSuspended() {},
      handleCopyData() {},
    };
    (client as unknown as { query(q: unknown): void }).query(submittable);
  });
}

interface PgConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}
