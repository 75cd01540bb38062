/** Where the window is: a stack of pages, so Esc always goes back one step. */

export type Route =
  | { page: 'customers' }
  | { page: 'customer'; customerId: number }
  | { page: 'device'; customerId: number; deviceId: number }
  | { page: 'settings'; firstRun: boolean }
  // Notifications (issue 4): the notifications panel.
  | { page: 'notifications' }
  // Confirm and upload (issue 5): the uploads page.
  | { page: 'outbox' };

export type NavAction =
  | { type: 'push'; route: Route }
  | { type: 'back' }
  | { type: 'home' }
  | { type: 'navigate'; customerId: number | null; deviceId: number | null };

export const HOME: Route = { page: 'customers' };

export function navigate(stack: Route[], action: NavAction): Route[] {
  switch (action.type) {
    case 'push': {
      const top = stack[stack.length - 1];
      if (JSON.stringify(top) === JSON.stringify(action.route)) return stack;
      return [...stack, action.route];
    }
    case 'back':
      return stack.length > 1 ? stack.slice(0, -1) : stack;
    case 'home':
      return [HOME];
    case 'navigate': {
      // From a notification or the tray: rebuild the path so Esc walks back up it.
      if (action.customerId === null) return [HOME];
      const customer: Route = { page: 'customer', customerId: action.customerId };
      if (action.deviceId === null) return [HOME, customer];
      return [HOME, customer, { page: 'device', customerId: action.customerId, deviceId: action.deviceId }];
    }
    default:
      return stack;
  }
}
