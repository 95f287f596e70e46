import { useQueryClient } from '@tanstack/react-query';
import type { CaseDetail } from '../../../../shared/domain/types';
import { queryKey } from '../../api/hooks';

/** Puts a case operation's answer (the case as it is now) where the case screen reads it, without a refetch. */
export function useSetCaseDetail(): (d: CaseDetail) => void {
  const queryClient = useQueryClient();
  return (d) => queryClient.setQueryData(queryKey('cases.get', { caseId: d.id }), d);
}
