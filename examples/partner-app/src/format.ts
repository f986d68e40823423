// Dates and times as the platform states them: Asia/Shanghai, whatever the device's zone.
const zone = 'Asia/Shanghai';

const dayFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: zone,
  month: 'long',
  day: 'numeric',
  weekday: 'short',
});
const timeFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: zone,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** `08:30`. */
function formatTime(dateTime: string): string {
  return timeFormat.format(new Date(dateTime));
}

/** `11月24日 周二 08:30–09:00`. */
export function formatSlot(start: string, end: string): string {
  const day = dayFormat.format(new Date(start));
  return `${day} ${formatTime(start)}–${formatTime(end)}`;
}

export const statusText: Record<string, string> = {
  booked: '已预约',
  cancelled: '已取消',
  completed: '已办结',
  no_show: '未到场',
};
