// The window's width as the layout needs it: office screens are 1024, 1366 or 1920 pixels wide,
// and the layout drops to a compact form (icon menu, filters in a popover, fewer table columns,
// the form under the task text) instead of pushing anything off screen.
import { computed, ref } from 'vue'

const width = ref(window.innerWidth)
window.addEventListener('resize', () => (width.value = window.innerWidth))

/** Below this the side menu shows icons only and tables move secondary columns into a row's details. */
export const COMPACT_BELOW = 1280

/** True on a narrow window (a 1024×768 screen). */
export const compact = computed(() => width.value < COMPACT_BELOW)
