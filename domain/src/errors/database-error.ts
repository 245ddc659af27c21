import { Prisma } from '@domovoy/prisma';
import { AppError } from './app-error.ts';

/**
 * Turns the database's constraint violations into typed errors, so a duplicate or a dangling reference reaches
 * the user as "already exists" / "refers to something missing" instead of a crash. Anything else is rethrown.
 */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    const model = typeof error.meta?.modelName === 'string' ? error.meta.modelName : undefined;
    switch (error.code) {
      case 'P2002':
        return new AppError('CONFLICT', 'already exists', { model, fields: constraintFields(error) });
      case 'P2003':
        return new AppError('VALIDATION', 'refers to a record that does not exist or is still in use', {
          model,
          fields: constraintFields(error),
        });
      case 'P2025':
        return new AppError('NOT_FOUND', 'not found', { model });
    }
  }
  throw error;
}

/** Runs a database operation and converts constraint violations with toAppError. */
export async function withDatabaseErrors<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw toAppError(error);
  }
}

function constraintFields(error: Prisma.PrismaClientKnownRequestError): string[] | undefined {
  const meta = error.meta as Record<string, unknown> | undefined;
  if (Array.isArray(meta?.target)) return meta.target.map(String);
  const cause = (meta?.driverAdapterError as { cause?: { constraint?: { fields?: unknown } } } | undefined)
    ?.cause;
  const fields = cause?.constraint?.fields;
  return Array.isArray(fields) ? fields.map(String) : undefined;
}
