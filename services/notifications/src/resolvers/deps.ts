import type { CustomerDirectory, EventContracts } from '@vinculo/common';
import type { StaffAccessReadModel } from '@vinculo/common';
import type { NotificationModel } from '../store/notification.model';
import type { MailModel } from '../store/mail.model';
import type { PreferencesModel, SettingsModel } from '../store/settings.model';

export interface ResolverDeps {
  notifications: NotificationModel;
  mail: MailModel;
  settings: SettingsModel;
  preferences: PreferencesModel;
  contracts: EventContracts;
  staff: StaffAccessReadModel;
  directory: CustomerDirectory;
}
