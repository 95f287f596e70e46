import {
  QueryCache,
  MutationCache,
  QueryClient,
  useMutation,
  useQuery,
  useQueryClient,
  type UseMutationOptions,
  type UseMutationResult,
  type UseQueryOptions,
  type UseQueryResult,
} from '@tanstack/react-query';
import type { InputOf, OperationName, OutputOf } from '../../../shared/api/contract';
import { ApiCallError, call } from './client';

/** Query keys are `[operation, input]`; invalidating `[operation]` refreshes every query of that operation. */
export function queryKey<K extends OperationName>(op: K, input: InputOf<K>): readonly unknown[] {
  return [op, input];
}

/**
 * What each mutation changes. A mutation invalidates these queries after it settled (also after a failure:
 * a failed print still records a print job on the case). Callers may add more with `invalidates`.
 */
export const DEFAULT_INVALIDATIONS: Partial<Record<OperationName, readonly OperationName[]>> = {
  'setup.createAdmin': ['setup.status'],
  'setup.loadDemoData': ['setup.status', 'residents.search', 'cases.list'],
  'auth.unlock': [],
  // A wrong current password counts as a failed attempt (shown in the administration's user list).
  'auth.changePassword': ['users.list'],
  'users.create': ['users.list'],
  'users.update': ['users.list'],
  'users.unlock': ['users.list'],
  'users.resetPassword': ['users.list'],
  'settings.update': ['settings.get'],
  'residents.importCsv': ['residents.search', 'residents.get', 'setup.status'],
  'cases.createWalkIn': ['cases.list'],
  // A postal case entering or leaving "ready"/"issued" enters or leaves the Postausgang's list.
  'cases.transition': ['cases.list', 'cases.get', 'dispatch.candidates'],
  'cases.recordPayment': ['cases.list', 'cases.get', 'dispatch.candidates'],
  'cases.issue': ['cases.list', 'cases.get', 'dispatch.candidates'],
  'cases.handOver': ['cases.list', 'cases.get'],
  'cases.markReadyForPost': ['cases.list', 'cases.get', 'dispatch.candidates'],
  // Who holds a case shows in the queue, the case and the dashboard.
  'cases.claim': ['cases.list', 'cases.get', 'dashboard.get'],
  'cases.release': ['cases.list', 'cases.get', 'dashboard.get'],
  'cases.takeOver': ['cases.list', 'cases.get', 'dashboard.get'],
  'cases.assign': ['cases.list', 'cases.get', 'dashboard.get'],
  'deadlines.update': ['deadlines.get'],
  'retention.purge': ['retention.due', 'cases.list', 'dashboard.get', 'audit.list'],
  'dispatch.startRun': ['dispatch.candidates', 'dispatch.listRuns', 'cases.list', 'cases.get'],
  'dispatch.pauseRun': ['dispatch.listRuns'],
  'dispatch.resumeRun': ['dispatch.listRuns', 'dispatch.candidates'],
  'dispatch.cancelRun': ['dispatch.listRuns', 'dispatch.candidates', 'cases.list', 'cases.get'],
  'dispatch.reprintItem': ['dispatch.getRun', 'cases.get'],
  'dispatch.setRegisteredNumber': ['dispatch.log', 'cases.get'],
  // "Jetzt abrufen" imports online cases (queue) and may reject submissions back to the portal.
  'portal.syncNow': ['portal.status', 'cases.list', 'portal.rejected'],
  'portal.saveConfig': ['portal.getConfig', 'portal.status'],
  'portal.generateKeys': ['portal.getConfig', 'portal.publicKeys', 'portal.status'],
  // A connection test may clear or set the status' error message.
  'portal.testConnection': ['portal.status'],
};

function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiCallError) {
    // Only a lost connection is worth a second try; everything else is an answer.
    return error.code === 'NETWORK' && failureCount < 2;
  }
  return false;
}

export function createQueryClient(onError?: (error: unknown) => void): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({ onError: (e) => onError?.(e) }),
    mutationCache: new MutationCache({ onError: (e) => onError?.(e) }),
    defaultOptions: {
      queries: {
        retry: shouldRetry,
        staleTime: 10_000,
        refetchOnWindowFocus: true,
        refetchOnReconnect: true,
      },
      mutations: { retry: false },
    },
  });
}

type QueryOptions<K extends OperationName> = Omit<
  UseQueryOptions<OutputOf<K>, ApiCallError, OutputOf<K>, readonly unknown[]>,
  'queryKey' | 'queryFn'
>;

/** A react-query query on one operation of the contract. */
export function useApiQuery<K extends OperationName>(
  op: K,
  input: InputOf<K>,
  options?: QueryOptions<K>,
): UseQueryResult<OutputOf<K>, ApiCallError> {
  return useQuery<OutputOf<K>, ApiCallError, OutputOf<K>, readonly unknown[]>({
    queryKey: queryKey(op, input),
    queryFn: () => (call as (o: K, i: InputOf<K>) => Promise<OutputOf<K>>)(op, input),
    ...options,
  });
}

export interface ApiMutationOptions<K extends OperationName>
  extends Omit<UseMutationOptions<OutputOf<K>, ApiCallError, InputOf<K>>, 'mutationFn'> {
  /** Further operations whose queries this mutation makes stale (added to DEFAULT_INVALIDATIONS). */
  invalidates?: readonly OperationName[];
}

/**
 * A react-query mutation on one operation; invalidates the queries it affects once it settled and stays
 * pending until they are fetched again. Note: callbacks passed to `mutate()` run after that refetch and only
 * while the component is mounted; put callbacks that must run (sign-in, navigation) in these options.
 */
export function useApiMutation<K extends OperationName>(
  op: K,
  options: ApiMutationOptions<K> = {},
): UseMutationResult<OutputOf<K>, ApiCallError, InputOf<K>> {
  const queryClient = useQueryClient();
  const { invalidates = [], onSettled, ...rest } = options;
  return useMutation<OutputOf<K>, ApiCallError, InputOf<K>>({
    mutationKey: [op],
    mutationFn: (input) => (call as (o: K, i: InputOf<K>) => Promise<OutputOf<K>>)(op, input),
    ...rest,
    onSettled: async (...args) => {
      const ops = new Set<OperationName>([...(DEFAULT_INVALIDATIONS[op] ?? []), ...invalidates]);
      await Promise.all([...ops].map((o) => queryClient.invalidateQueries({ queryKey: [o] })));
      await onSettled?.(...args);
    },
  });
}
