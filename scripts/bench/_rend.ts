import { renderEmail } from '#app/modules/notifications/email-templates'
for (let i = 0; i < 300; i++) await renderEmail({ name: 'needPublished', data: { name: 'Alice'+i, needTitle: 'Maintenance prédictive '+i, link: 'https://x.example/needs/'+i } }, 'fr')
const t1 = performance.now()
const N = 2000
for (let i = 0; i < N; i++) await renderEmail({ name: 'needPublished', data: { name: 'Alice'+i, needTitle: 'Maintenance prédictive '+i, link: 'https://x.example/needs/'+i } }, 'fr')
console.log('steady', (performance.now()-t1)/N, 'ms')
