import type { Express } from 'express';
import type { Logger } from '@vinculo/common';
import type { NotificationModel } from '../store/notification.model';

/** Placeholder until the gateway's Server-Sent Events route is built (README: not done). */
export function mountStream(_app: Express, _deps: { notifications: NotificationModel; logger: Logger }): void {}
