import type { Migration } from '../migrate';
import { migration001 } from './001-initial';
import { migration002 } from './002-postal-dispatch';
import { migration003 } from './003-portal';
import { migration004 } from './004-teams';
import { migration005 } from './005-personenstand';
import { migration006 } from './006-hundesteuer';
import { migration007 } from './007-elections';
import { migration008 } from './008-service-steps';
import { migration009 } from './009-dog-tag-history';

export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration007, migration008, migration009];
