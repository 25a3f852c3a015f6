/**
 * The edges of the cells centred on sorted `centres`, for drawing a heatmap on a continuous axis: midpoints between
 * neighbours, and the outer edges half a gap beyond the ends. One centre c gives [c − ½, c + ½].
 * Returns `centres.length + 1` edges.
 */
export function cellEdges(centres: readonly number[]): number[] {
  const n = centres.length;
  if (n === 0) return [];
  if (n === 1) return [centres[0]! - 0.5, centres[0]! + 0.5];
  const edges = new Array<number>(n + 1);
  edges[0] = centres[0]! - (centres[1]! - centres[0]!) / 2;
  for (let i = 1; i < n; i++) edges[i] = (centres[i - 1]! + centres[i]!) / 2;
  edges[n] = centres[n - 1]! + (centres[n - 1]! - centres[n - 2]!) / 2;
  return edges;
}

/**
 * The far edge of cell `i` for drawing: pushed `overlap` of the cell's width into the next cell (the last cell is
 * left alone), so that anti-aliasing leaves no light seams between neighbouring cells.
 */
export function drawnEnd(edges: readonly number[], i: number, overlap = 0.04): number {
  const end = edges[i + 1]!;
  return i + 2 < edges.length ? end + overlap * (end - edges[i]!) : end;
}
