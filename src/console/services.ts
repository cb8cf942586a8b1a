import type { Logger } from '../log/logger';
import type { Store } from '../store/types';
import type { TicketStatusService } from '../tickets/statusChange';
import type { WorkingCalendar } from '../tickets/workingCalendar';
import type { AgencyDirectory } from './agencies';
import type { ReporterReveal } from './reporterReveal';
import type { ReviewActions } from './reviewActions';

/** What the console's routes work with, composed once by consoleRouter. */
export interface ConsoleServices {
  store: Store;
  statuses: TicketStatusService;
  actions: ReviewActions;
  /** The only way a console page opens a rahasia reporter's identity; audited. */
  reveal: ReporterReveal;
  agencies: AgencyDirectory;
  /** config/categories.json: ids and labels in both languages. */
  categories: readonly { id: string; label: { id: string; en: string } }[];
  channelNames: readonly string[];
  calendar: WorkingCalendar;
  log: Logger;
  now: () => Date;
}
