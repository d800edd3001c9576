export { track, identify, type TrackedUser } from './mixpanel';
export * from './amplitude';
