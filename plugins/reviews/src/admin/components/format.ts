const dateFormat = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", year: "numeric" })

export const formatDate = (value: string) => dateFormat.format(new Date(value))
