export * from './holidays';
export * from './business-days';
export * from './local-date';
export * from './text';
export * from './tenant-calendar';
