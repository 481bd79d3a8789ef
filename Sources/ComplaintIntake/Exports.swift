// The one library users import: the pipeline and the record here, and the stage types a caller meets in them.
@_exported import IntakeClassify
@_exported import IntakeCore
@_exported import IntakeExtract
@_exported import IntakeInput
@_exported import IntakeLexicon
@_exported import IntakeText
