/* Reflex's state module (.web/utils/state.js) for a site with no server state, put in its place by the Vite plugin
 * beside this file: what the compiled components call, and no event queue, socket, cookies or upload. An event meant
 * for a server, or a delta from one, fails loudly: this site has no server to talk to. The functions kept behave as
 * Reflex 0.10.1's own. */
import { useCallback } from "react";

const noServer = (what) => {
  throw new Error(`KetaGuide has no server state: ${what}`);
};

/** The elements the components hold references to, by name. */
export const refs = {};

/** An event object, as Reflex builds it for its handlers. */
export const ReflexEvent = (name, payload = {}, event_actions = {}, handler = null) => {
  const event = { name };
  if (payload && Object.keys(payload).length > 0) event.payload = payload;
  if (event_actions && Object.keys(event_actions).length > 0) event.event_actions = event_actions;
  if (handler !== null) event.handler = handler;
  return event;
};

/** Whether a value is true as Python sees it. */
export const isTrue = (value) => {
  if (Array.isArray(value)) return value.length > 0;
  if (value === Object(value)) return Object.keys(value).length > 0;
  return Boolean(value);
};

/** Whether a value is neither null nor undefined. */
export const isNotNullOrUndefined = (value) => (value ?? undefined) !== undefined;

/** Calls a handler after the browser-side actions of its event (the site uses none that need a server). */
export const applyEventActions = (target, event_actions = {}, args = []) => {
  const values = args instanceof Array ? args : [args];
  const event = values.find((value) => value?.preventDefault !== undefined);
  if (event_actions?.preventDefault) event?.preventDefault();
  if (event_actions?.stopPropagation) event?.stopPropagation();
  if (event_actions?.temporal || event_actions?.throttle || event_actions?.debounce) {
    noServer("temporal, throttled and debounced events are not supported");
  }
  return target(...values);
};

/** Server state would arrive as deltas; none ever does. */
export const applyDelta = () => noServer("there is no delta to apply");

/** Client storage is sent to a server on hydration; there is none, and the site keeps no such storage. */
export const hydrateClientStorage = () => ({});

/** The event loop: events for a server are refused, and there are no connection errors to report. */
export const useEventLoop = () => {
  const addEvents = useCallback((events) => noServer(`no server for ${JSON.stringify(events)}`), []);
  return [addEvents, []];
};
