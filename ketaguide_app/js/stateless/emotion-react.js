/* @emotion/react for a site styled by its own stylesheet (the Vite plugin beside this file puts it in place): the
 * compiled components create their elements with `jsx`, which here is React's createElement. A `css` prop would
 * need emotion's runtime, so one stops the prerender, naming the element. */
import { createElement } from "react";

export function jsx(type, props, ...children) {
  if (props && "css" in props) {
    const name = typeof type === "string" ? type : type.displayName || type.name;
    throw new Error(`KetaGuide styles with its stylesheet: <${name}> has a css prop that needs emotion`);
  }
  return createElement(type, props, ...children);
}
