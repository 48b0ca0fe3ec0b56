import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { endSession } from '#app/utils/session.server'

export async function loader() {
  return redirect('/')
}

export async function action({ request }: ActionFunctionArgs) {
  return endSession(request, '/')
}
