export const log = {
  info: (msg: string, data?: Record<string, unknown>) => console.log(JSON.stringify({ level: 'info', msg, ...data })),
  warn: (msg: string, data?: Record<string, unknown>) => console.warn(JSON.stringify({ level: 'warn', msg, ...data })),
};
