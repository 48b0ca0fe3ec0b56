/** The daily queues, the jobs page and the homes after log-in (French). Keys mirror en-queues.ts. */
const frQueues = {
  title: 'Queues',
}

export default frQueues
