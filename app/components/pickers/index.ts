export { Combobox, useSuggestions, type PickerFieldProps, type PickerOption } from './combobox'
export { FirmPickerField, type FirmChoice, type FirmPickerFieldProps } from './firm-picker-field'
export { NafField, type NafFieldProps } from './naf-field'
export { TagsField, type TagsFieldProps } from './tags-field'
