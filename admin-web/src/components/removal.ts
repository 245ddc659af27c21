import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';

/**
 * Removing a list item behind a ConfirmDialog: which item is asked about, and the deletion itself. Asking again
 * clears the last refusal, so the dialog never opens on an old error.
 */
export function useRemoval<T>(remove: (item: T) => Promise<unknown>, onRemoved: () => Promise<void> | void) {
  const [target, setTarget] = useState<T | null>(null);
  const mutation = useMutation({
    mutationFn: remove,
    onSuccess: async () => {
      await onRemoved();
      setTarget(null);
    },
  });
  return {
    target,
    ask: (item: T) => {
      mutation.reset();
      setTarget(item);
    },
    /** The ConfirmDialog's props apart from its texts. */
    dialog: {
      opened: target !== null,
      pending: mutation.isPending,
      error: mutation.error,
      onConfirm: () => {
        if (target !== null) mutation.mutate(target);
      },
      onClose: () => setTarget(null),
    },
  };
}
