import { bff } from '../../bff';

export const GET = bff.fetch;
export const POST = bff.fetch;
