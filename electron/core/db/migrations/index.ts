import type { Migration } from '../migrate';
import { migration001 } from './001-initial';

export const MIGRATIONS: readonly Migration[] = [migration001];
