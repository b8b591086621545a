/// <reference types="vite/client" />
// Single-file components are typed by vue-tsc; this lets plain TypeScript import them.
declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}
