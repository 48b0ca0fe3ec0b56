/**
 * Top-K selection with a binary min-heap over typed arrays: the worst kept item sits at the root,
 * a better candidate replaces it in O(log K). Order: score descending, then id ascending, so that
 * equal scores always come out in the same order (determinism).
 */
export class TopK {
  readonly capacity: number
  size = 0
  private readonly scores: Float64Array
  private readonly items: Int32Array

  /** `idOf(item)` gives the id that breaks ties. */
  constructor(
    capacity: number,
    private readonly idOf: (item: number) => string,
  ) {
    this.capacity = Math.max(0, Math.floor(capacity))
    this.scores = new Float64Array(this.capacity)
    this.items = new Int32Array(this.capacity)
  }

  get full() {
    return this.size >= this.capacity
  }

  /** The score to beat once full (−∞ before). */
  threshold() {
    return this.full && this.capacity > 0 ? this.scores[0] : -Infinity
  }

  /** True when (scoreA, itemA) ranks below (scoreB, itemB). */
  private worse(scoreA: number, itemA: number, scoreB: number, itemB: number) {
    return scoreA < scoreB || (scoreA === scoreB && this.idOf(itemA) > this.idOf(itemB))
  }

  offer(score: number, item: number) {
    if (this.capacity === 0) return false
    if (this.size < this.capacity) {
      let index = this.size++
      while (index > 0) {
        const parent = (index - 1) >> 1
        if (!this.worse(score, item, this.scores[parent], this.items[parent])) break
        this.scores[index] = this.scores[parent]
        this.items[index] = this.items[parent]
        index = parent
      }
      this.scores[index] = score
      this.items[index] = item
      return true
    }
    if (!this.worse(this.scores[0], this.items[0], score, item)) return false
    this.siftDown(score, item)
    return true
  }

  private siftDown(score: number, item: number) {
    let index = 0
    const size = this.size
    for (;;) {
      const left = 2 * index + 1
      if (left >= size) break
      const right = left + 1
      let child = left
      if (right < size && this.worse(this.scores[right], this.items[right], this.scores[left], this.items[left])) child = right
      if (!this.worse(this.scores[child], this.items[child], score, item)) break
      this.scores[index] = this.scores[child]
      this.items[index] = this.items[child]
      index = child
    }
    this.scores[index] = score
    this.items[index] = item
  }

  /** The kept items, best first. */
  sorted(): Array<{ item: number; score: number }> {
    const result: Array<{ item: number; score: number }> = []
    for (let index = 0; index < this.size; index++) result.push({ item: this.items[index], score: this.scores[index] })
    result.sort((a, b) => b.score - a.score || (this.idOf(a.item) < this.idOf(b.item) ? -1 : this.idOf(a.item) > this.idOf(b.item) ? 1 : 0))
    return result
  }
}
