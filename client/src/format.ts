// Numbers as the client shows them (1,234), the same in every view.
export const formatCount = (n: number): string => n.toLocaleString('en-US');
