/**
 * The server's side of the compiler worker: one call at a time, each with a time budget. A call
 * that runs out of it gets a clear refusal, and the worker is stopped and replaced, so that the
 * next request finds a fresh one instead of waiting behind the stuck call.
 */
import { Worker } from 'node:worker_threads'
import type { WorkerCall, WorkerReply } from './worker-protocol.js'

export class BudgetExceeded extends Error {
  constructor(readonly op: string, readonly budgetMs: number) {
    super(`${op} took longer than ${budgetMs / 1000} s and was stopped; the checker was restarted, so the page can go on`)
    this.name = 'BudgetExceeded'
  }
}

export class CompilerWorker {
  private worker: { thread: Worker; ready: Promise<void> } | undefined
  private nextId = 1
  private queue: Promise<unknown> = Promise.resolve()
  private closed = false

  constructor(private readonly entry: URL) {}

  /** Calls run one after another: the worker is single-threaded anyway, and order keeps the cache warm. */
  call<T>(call: WorkerCall, budgetMs: number): Promise<T> {
    const run = this.queue.then(() => this.run<T>(call, budgetMs))
    this.queue = run.catch(() => undefined)
    return run
  }

  /**
   * Starts the worker (at server start, so the first request finds it loaded). Loading the
   * compiler takes seconds on a busy machine; that is not the call's time, so a call's budget
   * starts once the worker says it is ready.
   */
  start(): { thread: Worker; ready: Promise<void> } {
    if (this.worker) return this.worker
    const thread = new Worker(this.entry)
    thread.unref()
    const ready = new Promise<void>((resolve, reject) => {
      const onMessage = (message: unknown): void => {
        if ((message as { ready?: boolean }).ready !== true) return
        thread.off('message', onMessage)
        thread.off('error', reject)
        resolve()
      }
      thread.on('message', onMessage)
      thread.once('error', reject)
    })
    ready.catch(() => undefined)
    this.worker = { thread, ready }
    return this.worker
  }

  private async run<T>(call: WorkerCall, budgetMs: number): Promise<T> {
    if (this.closed) throw new Error('mapc serve is stopping')
    const started = this.start()
    try {
      await started.ready
    } catch (error) {
      this.worker = undefined
      throw new Error(`the compiler worker did not start: ${(error as Error).message}`)
    }
    const worker = started.thread
    const id = this.nextId++
    return new Promise<T>((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer)
        worker.off('message', onMessage)
        worker.off('error', onError)
        worker.off('exit', onExit)
      }
      const onMessage = (reply: WorkerReply): void => {
        if (reply.id !== id) return
        done()
        if (reply.ok) resolve(reply.value as T)
        else reject(new Error(reply.error))
      }
      const onError = (error: Error): void => {
        done()
        this.worker = undefined
        reject(error)
      }
      const onExit = (): void => {
        done()
        this.worker = undefined
        reject(new Error(`the compiler worker stopped during ${call.op}; it is restarted with the next request`))
      }
      const timer = setTimeout(() => {
        done()
        this.worker = undefined
        void worker.terminate()
        if (!this.closed) this.start()
        reject(new BudgetExceeded(call.op, budgetMs))
      }, budgetMs)
      worker.on('message', onMessage)
      worker.on('error', onError)
      worker.on('exit', onExit)
      worker.postMessage({ id, call })
    })
  }

  async close(): Promise<void> {
    this.closed = true
    await this.worker?.thread.terminate()
    this.worker = undefined
  }
}
